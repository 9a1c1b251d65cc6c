# proxyclient: make help lists the targets.
GO ?= go
SHARED ?= $(abspath ../shared)
# make drift compares the spec with each of these (the pinned and the newest
# installable proxy); UPSTREAM=file-or-url compares with that one only.
DRIFT_UPSTREAMS ?= $(SHARED)/upstream/litellm-openapi-1.88.0.json $(SHARED)/upstream/litellm-openapi-1.106.12.json
FUZZTIME ?= 10s
# 0: do not minimize new inputs. A short run that ends while the fuzzer is
# minimizing fails with "context deadline exceeded"; set 60s to minimize crashers.
FUZZMINIMIZETIME ?= 0

.PHONY: help validate-spec generate check-generated fmt lint test test-only drift live build demo fuzz stress bench contract check

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

generate: ## regenerate gen/ from api/litellm-proxy.yaml
	$(GO) generate ./...

check-generated: ## regenerate and fail if gen/ or go.mod/go.sum change
	$(GO) generate ./...
	git diff --exit-code -- gen/
	@test -z "$$(git status --porcelain -- gen/)" || { echo "untracked files in gen/"; git status --porcelain -- gen/; exit 1; }
	$(GO) mod tidy -diff

fmt: ## gofmt the hand-written code
	gofmt -s -w $$(git ls-files '*.go' | grep -v '^gen/')

lint: ## gofmt check, go vet and staticcheck (pinned in tools.go)
	@out=$$(gofmt -s -l $$(git ls-files '*.go' | grep -v '^gen/')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck $$($(GO) list ./... | grep -v '/gen$$')

test-only: ## go test -race ./... (no generation check)
	$(GO) test -race -count=1 -timeout 20m ./...

test: check-generated lint test-only ## the test command: generated code fresh, lint, go test -race ./...

drift: ## compare the spec with the 1.88.0 and 1.106.12 documents (or UPSTREAM=file-or-url)
	$(GO) build -o bin/specdrift ./api/cmd/specdrift
	@rc=0; for up in $(or $(UPSTREAM),$(DRIFT_UPSTREAMS)); do echo "== drift against $$up"; bin/specdrift -upstream $$up || rc=1; done; exit $$rc

validate-spec: ## validate the spec with an independent validator (Python openapi-spec-validator)
	@python3 -c 'import openapi_spec_validator' 2>/dev/null || python3 -m pip install -q openapi-spec-validator
	python3 -c 'from openapi_spec_validator import validate; from openapi_spec_validator.readers import read_from_filename; d, _ = read_from_filename("api/litellm-proxy.yaml"); validate(d); print("api/litellm-proxy.yaml: valid OpenAPI", d["openapi"])'

build: ## build the CLI and the emulator into bin/
	$(GO) build -o bin/ ./cmd/...

demo: ## run the quick start (against the built-in emulator unless LITELLM_PROXY_URL is set)
	$(GO) run ./examples/quickstart

fuzz: ## run every fuzz target for FUZZTIME each (a duration, default 10s, or a count such as 20000x)
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz' || true); do \
	    echo "== $$f ($$pkg)"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME) $$pkg; \
	  done; \
	done

stress: ## the full fault suite: 10,000 calls at concurrency 32 with faults, under -race
	STRESS=1 $(GO) test -race -count=1 -timeout 30m -run TestStress -v ./test/stress/

BENCH_COUNT ?= 6

bench: ## benchmarks against openai-go, go-openai and net/http (bench/, its own module); writes BENCHMARKS.md
	cd bench && $(GO) test -count 1 -run 'TestConcurrentStreams|TestEmbeddingsDecoders' .
	cd bench && bash -o pipefail -c "$(GO) test -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) -timeout 60m . | tee results.txt"
	bash -o pipefail -c "$(GO) test -run '^$$' -bench 'ChunkDecode|CompletionDecode' -benchmem -count $(BENCH_COUNT) ./facade | tee -a bench/results.txt"
	cd bench && $(GO) tool benchstat results.txt > benchstat.txt
	cd bench && $(GO) run ./cmd/report -in results.txt -benchstat benchstat.txt -notes NOTES.md -cmd 'make bench' -out ../BENCHMARKS.md

live: ## the live suites (TestLive*, ./test/...) against real LiteLLM 1.88.0 and 1.106.12, provisioned on first use
	LITELLM_LIVE=1 $(GO) test -count=1 -timeout 45m -v -run 'Live' ./test/...

contract: ## contract tests against a live proxy (needs LITELLM_PROXY_URL and LITELLM_PROXY_API_KEY)
	$(GO) test -count=1 -v -run Live ./test/contract/

check: test ## everything CI runs
	$(MAKE) live
	$(MAKE) validate-spec
	$(MAKE) fuzz FUZZTIME=20000x
