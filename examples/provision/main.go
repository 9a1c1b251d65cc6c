// Command provision sets up what a platform team provisions on a LiteLLM
// proxy, uses it, reads the spend back and tears it all down: a budget, an
// organization on that budget, two users, a team with its own budget and
// the users as members, a key for each member, and a tag the calls carry.
//
// It talks to the proxy named by LITELLM_PROXY_URL and LITELLM_PROXY_API_KEY
// (a proxy admin key; the proxy needs a database) when they are set, and to
// the built-in emulator (test/proxytest) otherwise. Every name it creates
// carries a random suffix, and whatever it created is deleted at the end,
// also when a step fails or the run is interrupted.
//
//	go run ./examples/provision
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "provision:", err)
		os.Exit(1)
	}
}

// run connects (to LITELLM_PROXY_URL, or to an emulator it starts), then
// provisions, uses and tears down.
func run(ctx context.Context, out io.Writer) error {
	var (
		c   *facade.Client
		err error
	)
	if os.Getenv("LITELLM_PROXY_URL") != "" {
		c, err = facade.NewFromEnv()
		fmt.Fprintf(out, "Using the proxy at %s\n", os.Getenv("LITELLM_PROXY_URL"))
	} else {
		srv := proxytest.NewServer()
		defer srv.Close()
		c, err = facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
		fmt.Fprintf(out, "Using the built-in emulator at %s (set LITELLM_PROXY_URL to use your proxy)\n", srv.URL)
	}
	if err != nil {
		return err
	}
	return provisionAll(ctx, c, out)
}

// provisionAll provisions, uses and tears down on the proxy of c.
func provisionAll(ctx context.Context, c *facade.Client, out io.Writer) error {
	p := &provisioner{c: c, out: out, suffix: suffix()}
	err := p.provision(ctx)
	// Tear down with a context of its own: an interrupted run still cleans up.
	tctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	if terr := p.teardown(tctx); terr != nil {
		err = errors.Join(err, fmt.Errorf("teardown: %w", terr))
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "\nDone.")
	return nil
}

// provisioner holds what the run created, so that teardown deletes exactly
// that, newest first.
type provisioner struct {
	c      *facade.Client
	out    io.Writer
	suffix string

	budgetID, orgID, teamID, tag string
	users                        []string
	keys                         []string // the keys, as generated (sk-...)
}

func (p *provisioner) name(kind string) string { return "provision-" + kind + "-" + p.suffix }

func (p *provisioner) step(n int, title string) { fmt.Fprintf(p.out, "\n%d. %s\n", n, title) }

func (p *provisioner) provision(ctx context.Context) error {
	c := p.c

	p.step(1, "Budget")
	orgLimit := 100.0
	budget, err := c.Budgets.Create(ctx, &facade.BudgetNewRequest{BudgetID: p.name("budget"), MaxBudget: &orgLimit, BudgetDuration: "30d"})
	if err != nil {
		return fmt.Errorf("create budget: %w", err)
	}
	p.budgetID = budget.BudgetID
	fmt.Fprintf(p.out, "   %s: $%.2f every %s\n", budget.BudgetID, deref(budget.MaxBudget), budget.BudgetDuration)

	p.step(2, "Organization")
	org, err := c.Organizations.Create(ctx, &facade.OrganizationNewRequest{OrganizationAlias: p.name("org"), BudgetID: p.budgetID})
	if err != nil {
		return fmt.Errorf("create organization: %w", err)
	}
	p.orgID = org.OrganizationID
	fmt.Fprintf(p.out, "   %s (%s) on budget %s\n", org.OrganizationAlias, org.OrganizationID, org.BudgetID)

	p.step(3, "Users")
	for _, who := range []string{"alice", "bob"} {
		u, err := c.Users.Create(ctx, &facade.UserNewRequest{UserID: p.name(who), UserEmail: p.name(who) + "@example.com", UserRole: "internal_user"})
		if err != nil {
			return fmt.Errorf("create user %s: %w", who, err)
		}
		p.users = append(p.users, u.UserID)
		fmt.Fprintf(p.out, "   %s\n", u.UserID)
	}
	if _, err := c.Organizations.AddMembers(ctx, p.orgID, []facade.OrganizationMember{
		{UserID: p.users[0], Role: "org_admin"}, {UserID: p.users[1], Role: "internal_user"},
	}, nil); err != nil {
		return fmt.Errorf("add organization members: %w", err)
	}
	fmt.Fprintf(p.out, "   both are members of %s\n", org.OrganizationAlias)

	p.step(4, "Team with a budget")
	teamLimit := 25.0
	team, err := c.Teams.Create(ctx, &facade.TeamNewRequest{TeamAlias: p.name("team"), OrganizationID: p.orgID, MaxBudget: &teamLimit, BudgetDuration: "30d"})
	if err != nil {
		return fmt.Errorf("create team: %w", err)
	}
	p.teamID = team.TeamID
	if _, err := c.Teams.AddMember(ctx, p.teamID, []facade.Member{{UserID: p.users[0], Role: "user"}, {UserID: p.users[1], Role: "user"}}, nil); err != nil {
		return fmt.Errorf("add team members: %w", err)
	}
	info, err := c.Teams.Get(ctx, p.teamID)
	if err != nil {
		return fmt.Errorf("get team: %w", err)
	}
	var members []string
	for _, m := range info.TeamInfo.MembersWithRoles {
		members = append(members, m.UserID+" ("+string(m.Role)+")")
	}
	// The proxy adds the admin who created the team as a member too.
	fmt.Fprintf(p.out, "   %s: $%.2f, members %s\n", team.TeamAlias, info.TeamInfo.MaxBudget, strings.Join(members, ", "))

	p.step(5, "Tag")
	tagLimit := 10.0
	if _, err := c.Tags.Create(ctx, &facade.TagNewRequest{Name: p.name("tag"), Description: "provisioned by examples/provision", MaxBudget: &tagLimit}); err != nil {
		return fmt.Errorf("create tag: %w", err)
	}
	p.tag = p.name("tag")
	fmt.Fprintf(p.out, "   %s: $%.2f\n", p.tag, tagLimit)

	p.step(6, "Keys")
	for _, user := range p.users {
		k, err := c.Keys.Generate(ctx, &facade.KeyGenerateRequest{KeyAlias: user + "-key", TeamID: p.teamID, UserID: user, Duration: "1h"})
		if err != nil {
			return fmt.Errorf("generate key for %s: %w", user, err)
		}
		p.keys = append(p.keys, k.Key)
		fmt.Fprintf(p.out, "   %s for %s (team %s)\n", k.KeyAlias, user, team.TeamAlias)
	}

	p.step(7, "Calls with the members' keys")
	model, err := firstModel(ctx, c)
	if err != nil {
		return err
	}
	for i, key := range p.keys {
		member, err := facade.New(c.BaseURL(), facade.WithAPIKey(key))
		if err != nil {
			return err
		}
		resp, err := member.Chat.Completions.Create(ctx, &facade.ChatCompletionRequest{
			Model:    model,
			Messages: []facade.ChatMessage{facade.UserMessage("Say hello to the platform team")},
			Metadata: map[string]any{"tags": []string{p.tag}},
		})
		if err != nil {
			return fmt.Errorf("chat as %s: %w", p.users[i], err)
		}
		fmt.Fprintf(p.out, "   %s: %d tokens\n", p.users[i], resp.Usage.TotalTokens)
	}

	p.step(8, "Spend")
	return p.spend(ctx)
}

// spend lists the spend log rows of the members' keys and the spend of the
// tag. A proxy writes its spend logs in batches, so a real one may take a
// few seconds to show them: spend polls for up to 30 s.
func (p *provisioner) spend(ctx context.Context) error {
	var rows []facade.SpendLog
	deadline := time.Now().Add(30 * time.Second)
	for {
		rows = rows[:0]
		for _, key := range p.keys {
			logs, err := p.c.Spend.Logs(ctx, &facade.SpendLogOptions{APIKey: key})
			if err != nil {
				return fmt.Errorf("spend logs: %w", err)
			}
			rows = append(rows, logs...)
		}
		if len(rows) >= len(p.keys) || time.Now().After(deadline) {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
	var total float64
	for _, r := range rows {
		total += r.Spend
		fmt.Fprintf(p.out, "   %s  %-28s %s  %d tokens  $%.6f\n", r.StartTime, r.User, r.Model, r.TotalTokens, r.Spend)
	}
	fmt.Fprintf(p.out, "   %d calls, $%.6f in total\n", len(rows), total)
	today := time.Now().UTC()
	tags, err := p.c.Spend.Tags(ctx, today.AddDate(0, 0, -1).Format(time.DateOnly), today.AddDate(0, 0, 1).Format(time.DateOnly))
	if err != nil {
		return fmt.Errorf("spend by tag: %w", err)
	}
	if i := slices.IndexFunc(tags, func(t facade.SpendTag) bool { return t.IndividualRequestTag == p.tag }); i >= 0 {
		fmt.Fprintf(p.out, "   tag %s: %d calls, $%.6f\n", p.tag, tags[i].LogCount, tags[i].TotalSpend)
	}
	return nil
}

// teardown deletes what provision created, newest first, and goes on past
// a failed deletion so that one failure does not leave the rest behind.
func (p *provisioner) teardown(ctx context.Context) error {
	fmt.Fprintln(p.out, "\n9. Teardown")
	var errs []error
	del := func(what string, f func() error) {
		if err := f(); err != nil {
			errs = append(errs, fmt.Errorf("delete %s: %w", what, err))
			return
		}
		fmt.Fprintf(p.out, "   deleted %s\n", what)
	}
	c := p.c
	if len(p.keys) > 0 {
		del(fmt.Sprintf("%d keys", len(p.keys)), func() error {
			_, err := c.Keys.Delete(ctx, &facade.KeyDeleteRequest{Keys: p.keys})
			return err
		})
	}
	if p.tag != "" {
		del("tag "+p.tag, func() error { _, err := c.Tags.Delete(ctx, p.tag); return err })
	}
	if p.teamID != "" {
		del("team "+p.name("team"), func() error { _, err := c.Teams.Delete(ctx, []string{p.teamID}); return err })
	}
	if len(p.users) > 0 {
		del("users "+strings.Join(p.users, ", "), func() error { _, err := c.Users.Delete(ctx, p.users); return err })
	}
	if p.orgID != "" {
		del("organization "+p.name("org"), func() error { _, err := c.Organizations.Delete(ctx, []string{p.orgID}); return err })
	}
	if p.budgetID != "" {
		del("budget "+p.budgetID, func() error { _, err := c.Budgets.Delete(ctx, p.budgetID); return err })
	}
	if p.budgetID == "" {
		fmt.Fprintln(p.out, "   nothing was created")
	}
	return errors.Join(errs...)
}

// firstModel is the first model group the proxy serves.
func firstModel(ctx context.Context, c *facade.Client) (string, error) {
	models, err := c.Models.List(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("list models: %w", err)
	}
	if len(models) == 0 {
		return "", errors.New("the proxy serves no model")
	}
	return models[0].ID, nil
}

// suffix is a short random suffix that keeps the run's names apart from
// anything else on the proxy.
func suffix() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b) // crypto/rand.Read does not fail
	return hex.EncodeToString(b)
}

func deref(f *float64) float64 {
	if f == nil {
		return 0
	}
	return *f
}
