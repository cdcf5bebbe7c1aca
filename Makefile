# swift-esx: generator, runtime, generated SDK, driver.
#   make demo              start a simulator and list its VMs through the SDK
#   make test              install what is missing, build the simulator, run every test
#   make generate          regenerate the committed bindings from Input/
#   make check-generated   fail when the committed bindings are stale (CI)
#   make examples          build Examples/ListVMs and Examples/CustomSubset, check the build plugin's output
#   make docs              DocC archives of VI, VIRuntime and ESX into .build/docs (swift-docc-plugin)
#   make install PREFIX=   esx, vi-gen, their man pages and bash/zsh/fish completions

SWIFT ?= swift
SWIFT_BUILD_FLAGS ?=
VIGEN = .build/debug/vi-gen

VI_INPUT = Input/vim25.input
VI_OUTPUT = Sources/VI/Generated
VI_ROOTS = Input/vi-roots.txt
VIFULL_OUTPUT = Sources/VIFull/Generated
GOLDEN_INPUT = Tests/VIGenTests/Fixtures/golden.input
GOLDEN_OUTPUT = Tests/GoldenCorpusTests/Generated
PREFIX ?= /usr/local
CONFIGURATION ?= release
DOCS_OUTPUT = .build/docs

.PHONY: all deps build vi-gen generate check-generated simulator test test-swift test-importer demo bench-peers import-schema clean examples docs install check-install

all: build

deps:
	@Scripts/install-deps.sh

vi-gen:
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --product vi-gen

generate: vi-gen
	$(VIGEN) $(VI_INPUT) --output $(VI_OUTPUT) --module-name VI --roots $(VI_ROOTS)
	$(VIGEN) $(VI_INPUT) --output $(VIFULL_OUTPUT) --module-name VIFull --import VI --exclude-roots $(VI_ROOTS)
	$(VIGEN) $(GOLDEN_INPUT) --output $(GOLDEN_OUTPUT) --module-name Golden

check-generated: generate
	@if [ -n "$$(git status --porcelain -- $(VI_OUTPUT) $(VIFULL_OUTPUT) $(GOLDEN_OUTPUT))" ]; then \
		echo "error: generated code is stale; run 'make generate' and commit the result:"; \
		git status --porcelain -- $(VI_OUTPUT) $(VIFULL_OUTPUT) $(GOLDEN_OUTPUT); \
		exit 1; \
	fi
	@echo "generated code is current"

build: deps
	$(SWIFT) build $(SWIFT_BUILD_FLAGS)

simulator: deps
	@Scripts/build-simulator.sh

test: deps simulator test-importer test-swift

test-swift:
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --build-tests
	$(SWIFT) test $(SWIFT_BUILD_FLAGS) --skip-build

test-importer:
	python3 -m unittest discover -s Tests/importer -t . -q

demo: deps simulator
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --product esx-bench
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --product esx
	@Scripts/demo.sh

examples: vi-gen simulator
	@Scripts/check-examples.sh

docs:
	@mkdir -p $(DOCS_OUTPUT)
	@for module in VI VIRuntime ESX; do \
		$(SWIFT) package --allow-writing-to-directory $(DOCS_OUTPUT) generate-documentation --target $$module \
			--disable-indexing --output-path $(DOCS_OUTPUT)/$$module.doccarchive || exit 1; \
	done
	@echo "DocC archives in $(DOCS_OUTPUT)"

install:
	@PREFIX="$(PREFIX)" CONFIGURATION="$(CONFIGURATION)" SWIFT="$(SWIFT)" Scripts/install.sh

check-install:
	@CONFIGURATION="$(CONFIGURATION)" Scripts/check-install.sh

bench-peers: deps
	@Scripts/bench-peers.sh

import-schema:
	Scripts/import-schema --output $(VI_INPUT)

clean:
	rm -rf .build
