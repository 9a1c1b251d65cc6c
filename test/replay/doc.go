// Package replay replays exchanges recorded from a real, database-backed
// LiteLLM proxy (../shared/realproxy/corpus/*.jsonl) against a fresh
// emulator started from the same config, and compares the shape of every
// answer (status, media type, error envelope, fields and their types, SSE
// framing, x-litellm-* headers) with the recorded one. A difference fails
// unless allow.yaml lists it with its reason.
package replay
