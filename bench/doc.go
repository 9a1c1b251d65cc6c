// Package bench compares proxyclient's facade with the Go clients users
// choose between (github.com/openai/openai-go, github.com/sashabaranov/go-openai)
// and with hand-rolled net/http + encoding/json, on the same local servers
// and the same payloads. It is its own module so that the library never
// depends on its competitors.
//
// Run it with "make bench" at the repository root; cmd/report turns the
// output into BENCHMARKS.md.
package bench
