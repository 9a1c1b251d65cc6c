// Package stress holds the fault suite: thousands of concurrent facade calls
// against proxytest with errors, dropped connections and cut streams injected
// at random. It has no code of its own; see stress_test.go, and run the full
// suite with STRESS=1 go test -race -count=1 -run TestStress -v ./test/stress/.
package stress
