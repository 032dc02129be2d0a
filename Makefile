# Engram: build, run and test on one machine, no Docker. `make help` lists the targets.
# The local stack (PostgreSQL 15 + pgvector, ElasticMQ, DynamoDB Local, s3proxy) is described in infra/local/README.md.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
LOCAL := $(ROOT)/infra/local

# ---- Settings (override on the command line: make run ENGRAM_PORT=8081) ----
ENGRAM_PORT ?= 8080
PG_PORT ?= 5499
SQS_PORT ?= 9324
DDB_PORT ?= 8000
S3_PORT ?= 9090
STATE_DIR ?= .local
# true: the local AWS stand-ins keep nothing on disk (DynamoDB Local -inMemory, s3proxy transient store)
LOCAL_AWS_IN_MEMORY ?= false
# Extra Maven arguments for `make test`, e.g. ARGS="-Dtest=ChunkerTest -Dsurefire.failIfNoSpecifiedTests=false"
ARGS ?=
GROUPS ?=

STATE_ABS := $(abspath $(STATE_DIR))

# ---- Chaos run (`make chaos`; the short one is the last phase of `make test`) ----
# CHAOS_PORT: the API process's port; the worker and the Postgres proxy take the next two.
CHAOS_PORT ?= 18590
CHAOS_OPTS ?=
export CHAOS_PORT CHAOS_OPTS
# false: `make test` skips its short chaos run
TEST_CHAOS ?= true
# The short run: about two minutes of load and faults (40 jobs, 60 s of faults), results in target/chaos-short, no
# page. The settle wait follows progress: it gives up after the queued timeout plus a minute without any change, or
# 10 minutes in all.
CHAOS_SHORT_OPTS := -Dchaos.jobs=40 -Dchaos.fault-seconds=60 -Dchaos.settle-seconds=600 -Dchaos.kill-every-max=20 \
	-Dchaos.queued-timeout-seconds=90 -Dchaos.docs=
CHAOS_SHORT = CHAOS_OUT=target/chaos-short CHAOS_OPTS="$(CHAOS_SHORT_OPTS) $(CHAOS_OPTS)" $(ROOT)/infra/chaos/chaos.sh


# ---- JDK: $JAVA_HOME when it is >= 21, else the newest JDK >= 21 under /usr/lib/jvm ----
JAVA_HOME := $(shell $(LOCAL)/find-jdk.sh)
export JAVA_HOME

# ---- What the scripts and Engram receive ----
export STATE_DIR := $(STATE_ABS)
export ENGRAM_PORT PG_PORT SQS_PORT DDB_PORT S3_PORT LOCAL_AWS_IN_MEMORY
export ENGRAM_STATE_DIR := $(STATE_ABS)
export QUARKUS_HTTP_PORT := $(ENGRAM_PORT)
export ENGRAM_LOCAL_PG_PORT := $(PG_PORT)
export ENGRAM_LOCAL_SQS_PORT := $(SQS_PORT)
export ENGRAM_LOCAL_DDB_PORT := $(DDB_PORT)
export ENGRAM_LOCAL_S3_PORT := $(S3_PORT)
export MP_JWT_VERIFY_PUBLICKEY_LOCATION := $(STATE_ABS)/jwt/public.pem

MVN := cd $(ROOT) && ./mvnw -B
APP_JAR := target/quarkus-app/quarkus-run.jar

.PHONY: help deps jdk keys token stack-up stack-down build run up down test e2e package clean deploy invoke native validate-template

help: ## This list
	@echo "Engram make targets:"
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z0-9-]+):.*## (.*)/\1|\2/' | awk -F'|' '{printf "  %-11s %s\n", $$1, $$2}'
	@echo
	@echo "Settings: ENGRAM_PORT=$(ENGRAM_PORT) PG_PORT=$(PG_PORT) SQS_PORT=$(SQS_PORT) DDB_PORT=$(DDB_PORT) S3_PORT=$(S3_PORT) STATE_DIR=$(STATE_ABS)"
	@echo "JDK: $(or $(JAVA_HOME),none >= 21 found)"

deps: ## Install PostgreSQL 15, build tools, awscli (apt) and pgvector (from Debian source) when missing
	@$(LOCAL)/deps.sh

jdk:
	@if [[ -z "$(JAVA_HOME)" ]]; then \
		echo "error: no JDK >= 21 found: set JAVA_HOME to one, or install one under /usr/lib/jvm" >&2; exit 1; \
	fi

keys: ## RSA key pair for local JWTs in the state dir (kept if present)
	@$(LOCAL)/jwt.sh keys

token: keys ## Print a signed JWT: make token USER=<name> [GROUPS=admin,...]
	@if [[ "$(origin USER)" != "command line" ]]; then \
		echo "usage: make token USER=<name> [GROUPS=admin,...]" >&2; exit 2; \
	fi
	@$(LOCAL)/jwt.sh token '$(USER)' '$(GROUPS)'

stack-up: deps jdk ## Start PostgreSQL and the local AWS stand-ins in the background
	@$(LOCAL)/stack.sh up

stack-down: ## Stop the local stack
	@$(LOCAL)/stack.sh down

build: jdk ## Build Engram (default variant: target/quarkus-app)
	@echo "==> building Engram"
	@$(MVN) -q package -DskipTests

run: keys stack-up build ## Build and run Engram in the foreground; Ctrl-C stops Engram and the stack
	@echo "==> Engram at http://localhost:$(ENGRAM_PORT) (Ctrl-C stops Engram and the stack)"
	@trap 'trap "" INT TERM; $(LOCAL)/stack.sh down' EXIT; \
	status=0; cd $(ROOT) && QUARKUS_PROFILE=$${QUARKUS_PROFILE:-local} "$$JAVA_HOME/bin/java" -jar $(APP_JAR) || status=$$?; \
	if [[ $$status -eq 130 || $$status -eq 143 ]]; then status=0; fi; \
	exit $$status

up: keys stack-up build ## Like run, in the background; returns once /q/health/ready answers
	@QUARKUS_PROFILE=$${QUARKUS_PROFILE:-local} $(LOCAL)/engram.sh up

down: ## Stop Engram and the stack
	@$(LOCAL)/engram.sh down
	@$(LOCAL)/stack.sh down

test: deps keys jdk ## All tests: default variant, the browser e2e, the worker and api Lambda variants, then the short chaos run (ARGS=... passed to Maven)
	@was_up=0; if $(LOCAL)/stack.sh running; then was_up=1; fi; \
	if [[ $$was_up -eq 0 ]]; then trap '$(LOCAL)/stack.sh down' EXIT; fi; \
	$(LOCAL)/stack.sh up; \
	export -n QUARKUS_HTTP_PORT MP_JWT_VERIFY_PUBLICKEY_LOCATION; \
	echo "==> tests: default variant"; $(MVN) verify $(ARGS); \
	echo "==> tests: browser end-to-end"; $(ROOT)/e2e/run.sh; \
	echo "==> tests: worker variant"; $(MVN) -Pworker verify $(ARGS); \
	$(LOCAL)/check-package.sh $(ROOT)/target/function.zip worker; \
	echo "==> tests: api variant"; $(MVN) -Papi verify $(ARGS); \
	$(LOCAL)/check-package.sh $(ROOT)/target/function.zip api; \
	if [[ "$(TEST_CHAOS)" == true ]]; then \
		echo "==> tests: short chaos run (CHAOS_PORT=$(CHAOS_PORT) and the next two)"; $(CHAOS_SHORT); \
	fi

e2e: keys stack-up build ## Browser end-to-end test of the review page in headless Chromium (screenshots in target/e2e)
	@$(ROOT)/e2e/run.sh

package: jdk ## Lambda zips: target/dist/worker.zip and target/dist/api.zip
	@mkdir -p $(ROOT)/target/dist
	@echo "==> packaging the worker function"
	@rm -f $(ROOT)/target/function.zip
	@$(MVN) -q -Pworker package -DskipTests
	@test -f $(ROOT)/target/function.zip || { echo "error: the worker build made no target/function.zip" >&2; exit 1; }
	@cp $(ROOT)/target/function.zip $(ROOT)/target/dist/worker.zip
	@echo "==> packaging the api function"
	@rm -f $(ROOT)/target/function.zip
	@$(MVN) -q -Papi package -DskipTests
	@test -f $(ROOT)/target/function.zip || { echo "error: the api build made no target/function.zip" >&2; exit 1; }
	@cp $(ROOT)/target/function.zip $(ROOT)/target/dist/api.zip
	@$(LOCAL)/check-package.sh $(ROOT)/target/dist/worker.zip worker
	@$(LOCAL)/check-package.sh $(ROOT)/target/dist/api.zip api

clean: ## Stop everything, remove build output and the state dir
	@$(LOCAL)/engram.sh down || true
	@$(LOCAL)/stack.sh down || true
	@$(LOCAL)/stack.sh purge
	@rm -rf $(ROOT)/target $(ROOT)/infra/local-aws/target
	@echo "==> cleaned"

# ---- AWS (needs the AWS SAM CLI and credentials; see README, Deploying) ----
STACK ?= engram
REGION ?= us-east-1
# Extra template parameters, e.g. PARAMS="ExternalProviderAccess=true ProviderSecretArn=arn:aws:secretsmanager:..."
PARAMS ?=
FN ?=
EVENT ?=

validate-template: jdk ## Check template.yaml against the code and cfn-lint (the template tests of `make test`); sam validate when installed
	@$(MVN) -q test -Dtest='dev.engram.deploy.*Test' -Dsurefire.failIfNoSpecifiedTests=false
	@if command -v cfn-lint >/dev/null; then cd $(ROOT) && cfn-lint template.yaml && echo "==> cfn-lint: no findings"; else echo "==> cfn-lint not installed: lint skipped (pip install cfn-lint)"; fi
	@if command -v sam >/dev/null; then cd $(ROOT) && sam validate --lint; else echo "==> sam not installed: sam validate skipped"; fi

deploy: package ## Build the zips and sam deploy them (STACK=engram REGION=us-east-1 PARAMS="Key=Value ...")
	@command -v sam >/dev/null || { echo "error: the AWS SAM CLI is needed: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html" >&2; exit 1; }
	@# The functions' CodeUri are the zips `make package` built, so there is nothing for sam build to do:
	@# sam deploy uploads them and the template.
	@# DeploymentSha256 changes with the zips, the template and PARAMS: SAM then publishes new versions, so
	@# a deployment that changes only parameters still reaches the live aliases.
	@sha=$$($(ROOT)/infra/sam/deployment-sha.sh $(ROOT) $(PARAMS)); \
	cd $(ROOT) && sam deploy --template-file template.yaml --config-file samconfig.toml --stack-name $(STACK) --region $(REGION) \
		--parameter-overrides DeploymentSha256=$$sha $(PARAMS)

invoke: ## Run one function locally in SAM's Lambda container against deployed stack STACK: make invoke FN=ProcessFunction EVENT=process-chunk.json
	@command -v sam >/dev/null || { echo "error: the AWS SAM CLI (and Docker) is needed for sam local invoke" >&2; exit 1; }
	@if [[ -z "$(FN)" || -z "$(EVENT)" ]]; then echo "usage: make invoke FN=<logical id, e.g. SplitFunction> EVENT=<file in infra/events> [STACK=engram REGION=us-east-1]" >&2; exit 2; fi
	@test -f $(ROOT)/target/dist/worker.zip -a -f $(ROOT)/target/dist/api.zip || $(MAKE) package
	@# SAM CLI resolves !Ref DatabaseSecret, JobTable and InputBucket to logical ids locally: the env-vars file
	@# names the deployed stack's resources instead (from its outputs).
	@$(ROOT)/infra/sam/invoke-env.sh $(STACK) $(REGION) $(ROOT)/target/invoke-env.json
	@cd $(ROOT) && sam local invoke $(FN) -e infra/events/$(notdir $(EVENT)) --env-vars target/invoke-env.json --region $(REGION) \
		$(if $(strip $(PARAMS)),--parameter-overrides $(PARAMS),)

native: ## Native Lambda zips (needs GraalVM/Mandrel 21+, or Docker for a container build: NATIVE_IN_CONTAINER=true)
	@mkdir -p $(ROOT)/target/dist
	@for variant in worker api; do \
		echo "==> native $$variant function"; rm -f $(ROOT)/target/function.zip; \
		$(MVN) -q -P$$variant package -DskipTests -Dquarkus.native.enabled=true \
			-Dquarkus.native.container-build=$${NATIVE_IN_CONTAINER:-false}; \
		cp $(ROOT)/target/function.zip $(ROOT)/target/dist/$$variant-native.zip; \
	done
	@echo "==> target/dist/worker-native.zip, target/dist/api-native.zip (runtime provided.al2023; see README, Deploying)"

# ---- LLM rate benchmark (not part of `make test`) ----
.PHONY: bench-llm
bench-llm: keys jdk ## LLM benchmark: 1,500 chunks against a fake provider with a 600/min quota -> target/bench/llm-rate.json
	@was_up=0; if $(LOCAL)/stack.sh running; then was_up=1; fi; \
	if [[ $$was_up -eq 0 ]]; then trap '$(LOCAL)/stack.sh down' EXIT; fi; \
	$(LOCAL)/stack.sh up; \
	export -n QUARKUS_HTTP_PORT MP_JWT_VERIFY_PUBLICKEY_LOCATION; \
	echo "==> bench-llm: about 3-4 minutes"; \
	$(MVN) -q test -Dtest=LlmRateBench -Dsurefire.failIfNoSpecifiedTests=false -Dengram.bench=true; \
	echo "==> target/bench/llm-rate.json"; cat $(ROOT)/target/bench/llm-rate.json

# BENCH=remote: only the remote-provider run (LLM extraction and embeddings through an OpenAI-compatible stand-in)
BENCH ?= all
# The HTTP port of the Engram instances `make bench` starts, one at a time
BENCH_HTTP_PORT ?= $(ENGRAM_PORT)
export BENCH BENCH_HTTP_PORT

.PHONY: bench
bench: deps jdk ## Benchmarks on the local stack (BENCH=all|remote): prints a table, writes target/bench/summary.json and docs/BENCHMARKS.md
	@was_up=0; if $(LOCAL)/stack.sh running; then was_up=1; fi; \
	if [[ $$was_up -eq 0 ]]; then trap '$(LOCAL)/stack.sh down' EXIT; fi; \
	$(LOCAL)/stack.sh up; \
	export -n QUARKUS_HTTP_PORT MP_JWT_VERIFY_PUBLICKEY_LOCATION; \
	$(ROOT)/infra/bench/bench.sh

# ---- Chat acceptance (not part of `make test`) ----
.PHONY: chat-acceptance
chat-acceptance: up ## The chat acceptance run on a running Engram (started if needed; `make down` stops it): summaries, profile, states
	@$(ROOT)/infra/chat/acceptance.sh

# ---- Extraction quality (not part of `make test`; no stack needed) ----
EVAL_CP := target/eval/classpath.txt
# e.g. TRAIN_OPTS=-Dtrain.lopo=true: also score each training project with a model trained on the others
TRAIN_OPTS ?=
EVAL_MAIN = "$$JAVA_HOME/bin/java" -Xmx1g -cp "target/test-classes:target/classes:$$(cat $(EVAL_CP))"

.PHONY: eval train eval-build
eval-build: jdk
	@mkdir -p $(ROOT)/target/eval
	@$(MVN) -q -Plocal,eval test-compile
	@$(MVN) -q -Plocal,eval dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=$(EVAL_CP)

# PROVIDER=openai: the evaluation projects through the OpenAI-compatible provider of ENGRAM_LLM_BASE_URL, _API_KEY and
# _MODEL instead (one request per chunk, about 600; needs the local stack, started here when it is not running)
PROVIDER ?=

eval: eval-build ## Extraction quality on public minutes vs the cue-word baseline -> target/eval/summary.json, docs/EVALUATION.md (PROVIDER=openai: through the LLM)
	@if [[ -z "$(PROVIDER)" ]]; then cd $(ROOT) && $(EVAL_MAIN) dev.engram.eval.EvalMain; exit 0; fi; \
	was_up=0; if $(LOCAL)/stack.sh running; then was_up=1; fi; \
	if [[ $$was_up -eq 0 ]]; then trap '$(LOCAL)/stack.sh down' EXIT; fi; \
	$(LOCAL)/stack.sh up; \
	export -n QUARKUS_HTTP_PORT MP_JWT_VERIFY_PUBLICKEY_LOCATION; \
	$(MVN) -q -Plocal,eval test -Dtest=LlmEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false \
		-Deval.provider=$(PROVIDER) -Dengram.extract.provider=$(PROVIDER)

train: eval-build ## Retrain the sentence-type model from the training projects -> src/main/resources/extract/sentence-types.tsv
	@cd $(ROOT) && $(EVAL_MAIN) $(TRAIN_OPTS) dev.engram.extract.rules.TrainSentenceTypes

.PHONY: reembed
reembed: keys ## Re-embed every saved memory whose vector came from another model (running Engram), then show progress
	@token=$$($(LOCAL)/jwt.sh token engram-admin admin); \
	curl -fsS -X POST -H "Authorization: Bearer $$token" http://localhost:$(ENGRAM_PORT)/api/v1/admin/reembed; echo; \
	echo "progress: curl -H 'Authorization: Bearer <admin token>' http://localhost:$(ENGRAM_PORT)/api/v1/admin/reembed"


.PHONY: chaos chaos-short
chaos: deps jdk ## Fault-injection run on the local stack: checks no job is left behind -> target/chaos/summary.json, docs/CHAOS.md
	@was_up=0; if $(LOCAL)/stack.sh running; then was_up=1; fi; \
	if [[ $$was_up -eq 0 ]]; then trap '$(LOCAL)/stack.sh down' EXIT; fi; \
	$(LOCAL)/stack.sh up; \
	export -n QUARKUS_HTTP_PORT MP_JWT_VERIFY_PUBLICKEY_LOCATION; \
	$(ROOT)/infra/chaos/chaos.sh

chaos-short: deps jdk ## The chaos run in about two minutes (plus the build) -> target/chaos-short/summary.json
	@was_up=0; if $(LOCAL)/stack.sh running; then was_up=1; fi; \
	if [[ $$was_up -eq 0 ]]; then trap '$(LOCAL)/stack.sh down' EXIT; fi; \
	$(LOCAL)/stack.sh up; \
	export -n QUARKUS_HTTP_PORT MP_JWT_VERIFY_PUBLICKEY_LOCATION; \
	$(CHAOS_SHORT)
