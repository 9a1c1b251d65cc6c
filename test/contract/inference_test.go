package contract

import "github.com/getkin/kin-openapi/openapi3filter"

func init() {
	// The speech answers are audio: the validator checks them against the
	// spec's binary audio/* schema.
	for _, ct := range []string{"audio/mpeg", "audio/opus", "audio/aac", "audio/flac", "audio/wav", "audio/pcm"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.FileBodyDecoder)
	}
}
