"""The uploader: a BAMS export, read as a stream, sent to the attendee queue in batches.

``batches`` packs messages into SendMessageBatch calls, ``sender`` sends them and retries
what failed, ``hashes`` remembers what each queue was last sent, ``rejects`` keeps the rows
that could not be read, and ``service`` ties these together.
"""
