package facade_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func ExampleGuardrailsService_Apply() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	// A content filter that masks one word and refuses texts with another.
	g, err := c.Guardrails.Create(ctx, &facade.GuardrailSpec{GuardrailName: "words", LitellmParams: facade.GuardrailParams{
		Guardrail: "litellm_content_filter", Mode: "pre_call",
		BlockedWords: []facade.GuardrailBlockedWord{
			{Keyword: "secret", Action: facade.GuardrailMask},
			{Keyword: "bomb", Action: facade.GuardrailBlock},
		},
	}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created", g.GuardrailName)

	text, err := c.Guardrails.Apply(ctx, "words", "the secret plan")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(text)

	if _, err := c.Guardrails.Apply(ctx, "words", "a bomb"); errors.Is(err, facade.ErrBadRequest) {
		fmt.Println("blocked")
	}
	// Output:
	// created words
	// the [KEYWORD_REDACTED] plan
	// blocked
}
