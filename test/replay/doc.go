// Package replay replays exchanges recorded from a real, database-backed
// LiteLLM 1.88.0 proxy (../shared/realproxy/corpus/*.jsonl, or the directory
// in LITELLM_CORPUS_DIR) against a fresh emulator started from the same
// config through proxytest.LoadLiteLLMConfig, and compares the shape of every
// answer (status, media type, error envelope, fields and their JSON types,
// SSE framing, x-litellm-* headers; see test/internal/shape) with the
// recorded one. A difference fails unless allow.yaml lists it with its
// reason; an entry no difference uses fails too.
//
// The exchanges run in recorded order, with the recorded auth: the master key,
// the virtual keys that the scenarios key-generate-virtual and
// key-generate-nonadmin (setup.key.generate.* in the breadth file) returned,
// a wrong key, or none. Values the recording generated (ids, keys, token
// hashes) are mapped onto the ones the emulator generated, learnt by walking
// both answers in parallel, and substituted in later requests; a request
// naming a generated value that no earlier answer maps fails the replay.
//
// Two kinds of difference are data, not shape, and are not reported: inside
// arrays and maps, whether an element happened to be null (the recording's
// database held rows from earlier runs), and the types of a map's values
// (metadata and the like). Routes our spec does not have are compared only
// for the emulator's FastAPI 404, under the case name
// <file>/not-in-spec/<route family>/<scenario>.
//
// TestCorpusWithinSpec checks that every recorded answer for an operation of
// our spec is described by the spec.
package replay
