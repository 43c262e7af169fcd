"""Who may call the API: password hashes, the users document and the credential check.

Pure standard-library code, so the authorizer imports it in a few milliseconds.
"""
