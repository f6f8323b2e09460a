# aimsready build and test targets. `make test` is what CI runs.
GO       ?= go
BIN      ?= bin/aimsready
PKG      := ./...
FUZZTIME ?= 60s

.PHONY: all build test vet run demo fuzz bench clean update-golden

all: build

# A static, stripped binary starts faster (no dynamic loader, fewer pages).
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-s -w" -o $(BIN) ./cmd/aimsready

vet:
	$(GO) vet $(PKG)
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || (echo "gofmt needed:"; gofmt -l .; exit 1)

test: vet
	$(GO) test -race -count=1 $(PKG)

# run: start the interactive assessment with the answers file in this folder.
run: build
	./$(BIN) assess

# demo: score and report the fictional example assessment.
demo: build
	./$(BIN) score testdata/examples/answers.yaml
	./$(BIN) report testdata/examples/answers.yaml -o /tmp/aimsready-demo.pdf

# fuzz: run every fuzz target for FUZZTIME each (not part of `make test`).
fuzz:
	@set -e; for pkg in $$($(GO) list $(PKG)); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s -timeout 0 $$pkg; \
	  done; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKG)

update-golden:
	$(GO) test $(PKG) -update

clean:
	rm -rf bin
