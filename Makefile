# One entry point for people and CI. `make help` lists the targets.
.PHONY: help run test db-up db-down test-postgres smoke ci bench

help:
	@echo "run            swift run sesa serve (SQLite in ./data)"
	@echo "test           swift test (SQLite; PostgreSQL too when SESA_TEST_POSTGRES_URL is set)"
	@echo "db-up/db-down  start/stop a throwaway PostgreSQL on 127.0.0.1:55432 (root)"
	@echo "test-postgres  db-up, then swift test on both databases"
	@echo "smoke          release build + smoke test of the binary"
	@echo "ci             what CI runs (.ci/run)"
	@echo "bench          sesa-bench trace (release)"

run:
	swift run sesa serve

test:
	swift test

db-up:
	@scripts/postgres-test-cluster.sh start

db-down:
	@scripts/postgres-test-cluster.sh stop

test-postgres:
	export $$(scripts/postgres-test-cluster.sh start) && swift test

smoke:
	swift build -c release --product sesa && scripts/smoke-test.sh .build/release/sesa

ci:
	bash .ci/run

bench:
	swift run -c release sesa-bench trace
