# The two commands a newcomer needs:
#   go run ./cmd/akinsoft-connector demo
#   make test
.PHONY: test demo build dist packages vet egress

test:
	bash scripts/test.sh

# The proof that nothing but the messages leaves the machine (root; see README).
egress:
	bash scripts/egress/run.sh

demo:
	go run ./cmd/akinsoft-connector demo

build:
	CGO_ENABLED=0 go build -o bin/akinsoft-connector ./cmd/akinsoft-connector

vet:
	go vet ./...
	GOOS=windows go vet ./...

dist:
	bash scripts/dist.sh $(VERSION)

packages:
	bash scripts/test-packages.sh $(VERSION)
