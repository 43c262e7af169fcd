// Splitting the API's validation message into one message per form field.
//
// The API names each invalid field before a colon and separates the fields with "; ", e.g.
// "Email: 'x' does not look like an e-mail address; Financials.AmountPaid: Input should be
// greater than or equal to 0". A part whose field is not on the form stays general.

const PART_BOUNDARY = /;\s+(?=[A-Za-z_][\w.[\]]*\s*:\s)/;
const PART = /^([A-Za-z_][\w.[\]]*)\s*:\s*([\s\S]*)$/;

function fieldOf(path, knownFields) {
  const segments = path.split(".").reverse();
  return segments.find((segment) => knownFields.includes(segment)) || null;
}

/**
 * @param {string} message the API's message
 * @param {string[]} knownFields the names of the form's fields (JSON keys)
 * @returns {{fields: Record<string, string[]>, general: string[]}}
 */
export function splitFieldErrors(message, knownFields) {
  const result = { fields: {}, general: [] };
  for (const part of String(message || "").split(PART_BOUNDARY)) {
    const text = part.trim();
    if (!text) continue;
    const match = PART.exec(text);
    const field = match && fieldOf(match[1], knownFields);
    if (field) (result.fields[field] ||= []).push(match[2].trim());
    else result.general.push(text);
  }
  return result;
}
