// Where the API lives: config.json next to index.html, written at deploy time.

const DEFAULT_API_BASE = "/clams";

export async function loadConfig() {
  try {
    const response = await fetch("config.json", { cache: "no-store" });
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    const config = await response.json();
    return { apiBase: String(config.apiBase || DEFAULT_API_BASE).replace(/\/+$/, "") };
  } catch (error) {
    console.warn(`CLAMS: using ${DEFAULT_API_BASE} as the API address (${error.message})`);
    return { apiBase: DEFAULT_API_BASE };
  }
}
