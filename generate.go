package proxyclient

// The generated layer in gen/ comes from api/litellm-proxy.yaml. Run "make generate"
// (or "go generate ./...") after changing the spec or a config file in api/.

//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config api/oapi-codegen-types.yaml api/litellm-proxy.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config api/oapi-codegen-spec.yaml api/litellm-proxy.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config api/oapi-codegen-client.yaml api/litellm-proxy.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config api/oapi-codegen-server.yaml api/litellm-proxy.yaml
