package contract

import (
	"context"
	"fmt"
	"net/http"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/realproxy"
)

// platform holds the ids the organization, budget and customer steps
// create.
type platform struct {
	orgID    string
	budgetID string
}

// orgNoDB106: LiteLLM 1.106.12 refuses every organization route without an
// Enterprise license (a dependency of the router), database or not.
var orgNoDB106 = map[string]*answer{
	realproxy.Newest: detailEnv(http.StatusForbidden, "Organizations are only available for LiteLLM Enterprise users"),
}

// orgID returns the organization the steps created, or a stand-in when
// the proxy has no database.
func (e *env) orgID() string {
	if e.plat.orgID == "" {
		return "proxyclient-contract-org-id"
	}
	return e.plat.orgID
}

// budgetID returns the budget the steps created, or a stand-in.
func (e *env) budgetID() string {
	if e.plat.budgetID == "" {
		return "proxyclient-contract-budget-id"
	}
	return e.plat.budgetID
}

// platformSteps exercise the organization, budget and customer services.
func platformSteps() []step {
	const orgUser, customer = "proxyclient-contract-org-user", "proxyclient-contract-customer"
	maxBudget := 25.0
	return []step{
		{name: "organization create", run: func(ctx context.Context, e *env) error {
			o, err := e.c.Organizations.Create(ctx, &facade.OrganizationNewRequest{OrganizationAlias: "proxyclient-contract-org",
				MaxBudget: &maxBudget, Models: []string{}})
			if err == nil {
				e.plat.orgID = o.OrganizationID
				if o.LitellmBudgetTable == nil || o.LitellmBudgetTable.MaxBudget == nil || *o.LitellmBudgetTable.MaxBudget != maxBudget {
					return fmt.Errorf("organization budget = %+v, want max_budget %v", o.LitellmBudgetTable, maxBudget)
				}
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage), noDBIn: orgNoDB106},
		{name: "organization update", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Organizations.Update(ctx, &facade.OrganizationUpdateRequest{OrganizationID: e.orgID(),
				Metadata: map[string]any{"contract": true}})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage), noDBIn: orgNoDB106},
		{name: "organization get", run: func(ctx context.Context, e *env) error {
			o, err := e.c.Organizations.Get(ctx, e.orgID())
			if err == nil && o.Metadata["contract"] != true {
				return fmt.Errorf("metadata = %v, want contract: true", o.Metadata)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected"), noDBIn: orgNoDB106},
		{name: "organization get missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Organizations.Get(ctx, "proxyclient-contract-missing-org")
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected"), noDBIn: orgNoDB106},
		{name: "organization get many", run: func(ctx context.Context, e *env) error {
			os, err := e.c.Organizations.GetMany(ctx, []string{e.orgID(), "proxyclient-contract-missing-org"})
			if err == nil && len(os) != 1 {
				return fmt.Errorf("got %d organizations, want 1", len(os))
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected"), noDBIn: orgNoDB106},
		{name: "organization list", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Organizations.List(ctx, &facade.OrganizationListOptions{Alias: "proxyclient-contract"})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected"), noDBIn: orgNoDB106},
		{name: "organization add member", run: func(ctx context.Context, e *env) error {
			res, err := e.c.Organizations.AddMembers(ctx, e.orgID(), []facade.OrganizationMember{{UserID: orgUser, Role: facade.OrgRoleUser}}, nil)
			if err == nil && len(res.UpdatedOrganizationMemberships) != 1 {
				return fmt.Errorf("memberships = %+v, want one", res.UpdatedOrganizationMemberships)
			}
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "auth_error", "No db connected"), noDBIn: orgNoDB106},
		{name: "organization update member", run: func(ctx context.Context, e *env) error {
			m, err := e.c.Organizations.UpdateMember(ctx, &facade.OrganizationMemberUpdateRequest{OrganizationID: e.orgID(),
				UserID: orgUser, Role: facade.OrgRoleAdmin, MaxBudgetInOrganization: &maxBudget})
			if err == nil && (m.UserRole != facade.OrgRoleAdmin || m.BudgetID == "") {
				return fmt.Errorf("membership = %+v, want org_admin with a budget", m)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage), noDBIn: orgNoDB106},
		{name: "organization delete member", run: func(ctx context.Context, e *env) error {
			m, err := e.c.Organizations.DeleteMember(ctx, e.orgID(), orgUser)
			if err == nil && m == nil {
				return fmt.Errorf("no membership deleted")
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage), noDBIn: orgNoDB106},
		{name: "organization delete member again (null, no error)", run: func(ctx context.Context, e *env) error {
			m, err := e.c.Organizations.DeleteMember(ctx, e.orgID(), orgUser)
			if err == nil && m != nil {
				return fmt.Errorf("deleted %+v again", m)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage), noDBIn: orgNoDB106},
		{name: "organization delete", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Organizations.Delete(ctx, []string{e.orgID()})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage), noDBIn: orgNoDB106},
		{name: "organization delete missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Organizations.Delete(ctx, []string{e.orgID()})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage), noDBIn: orgNoDB106},
		{name: "budget create", run: func(ctx context.Context, e *env) error {
			rpm := 30
			b, err := e.c.Budgets.Create(ctx, &facade.BudgetNewRequest{MaxBudget: &maxBudget, RpmLimit: &rpm, BudgetDuration: "30d"})
			if err == nil {
				e.plat.budgetID = b.BudgetID
				if b.BudgetResetAt == "" {
					return fmt.Errorf("budget %+v has no reset time", b)
				}
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "budget update", run: func(ctx context.Context, e *env) error {
			tpm := 1000
			b, err := e.c.Budgets.Update(ctx, &facade.BudgetNewRequest{BudgetID: e.budgetID(), TpmLimit: &tpm})
			if err == nil && (b.TpmLimit == nil || *b.TpmLimit != tpm || b.MaxBudget == nil) {
				return fmt.Errorf("updated budget %+v", b)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "budget update missing (HTTP 200 null)", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Budgets.Update(ctx, &facade.BudgetNewRequest{BudgetID: "proxyclient-contract-missing-budget"})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "budget get", run: func(ctx context.Context, e *env) error {
			bs, err := e.c.Budgets.Get(ctx, []string{e.budgetID(), "proxyclient-contract-missing-budget"})
			if err == nil && len(bs) != 1 {
				return fmt.Errorf("got %d budgets, want 1", len(bs))
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "budget settings", run: func(ctx context.Context, e *env) error {
			ss, err := e.c.Budgets.Settings(ctx, e.budgetID())
			if err == nil && len(ss) == 0 {
				return fmt.Errorf("no settings")
			}
			return err
		}, noDB: detailEnv(http.StatusBadRequest, dbMessage)},
		{name: "budget list", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Budgets.List(ctx)
			return err
		}, noDB: detailEnv(http.StatusBadRequest, dbMessage)},
		{name: "budget delete", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Budgets.Delete(ctx, e.budgetID())
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "budget delete missing (HTTP 200 null)", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Budgets.Delete(ctx, e.budgetID())
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "customer create", run: func(ctx context.Context, e *env) error {
			c, err := e.c.Customers.Create(ctx, &facade.CustomerNewRequest{UserID: customer, Alias: "Contract",
				MaxBudget: &maxBudget, AllowedModelRegion: "eu"})
			if err == nil && (c.LitellmBudgetTable == nil || c.BudgetID == "") {
				return fmt.Errorf("customer %+v has no budget", c)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "customer create duplicate", want: facade.ErrBadRequest, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Customers.Create(ctx, &facade.CustomerNewRequest{UserID: customer})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "customer update", run: func(ctx context.Context, e *env) error {
			c, err := e.c.Customers.Update(ctx, &facade.CustomerUpdateRequest{UserID: customer, Alias: "Contract 2"})
			if err == nil && c.Alias != "Contract 2" {
				return fmt.Errorf("alias = %q", c.Alias)
			}
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Not connected to DB!")},
		{name: "customer update missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Customers.Update(ctx, &facade.CustomerUpdateRequest{UserID: "proxyclient-contract-missing-customer"})
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Not connected to DB!")},
		{name: "customer get", run: func(ctx context.Context, e *env) error {
			c, err := e.c.Customers.Get(ctx, customer)
			if err == nil && c.AllowedModelRegion != "eu" {
				return fmt.Errorf("region = %q", c.AllowedModelRegion)
			}
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", dbMessage)},
		{name: "customer list", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Customers.List(ctx)
			return err
		}, noDB: errorEnv(http.StatusBadRequest, "internal_server_error", dbMessage)},
		{name: "customer block", run: func(ctx context.Context, e *env) error {
			cs, err := e.c.Customers.Block(ctx, []string{customer})
			if err == nil && (len(cs) != 1 || !cs[0].Blocked) {
				return fmt.Errorf("blocked %+v", cs)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "Postgres DB Not connected")},
		// An open-source proxy has no blocked-user list to take a customer off.
		{name: "customer unblock (Enterprise only)", wantErr: detailEnv(http.StatusBadRequest, "Blocked user check was never set"),
			run: func(ctx context.Context, e *env) error {
				_, err := e.c.Customers.Unblock(ctx, []string{customer})
				return err
			}, noDB: detailEnv(http.StatusBadRequest, "Blocked user check was never set")},
		{name: "customer delete", run: func(ctx context.Context, e *env) error {
			res, err := e.c.Customers.Delete(ctx, []string{customer})
			if err == nil && res.DeletedCustomers != 1 {
				return fmt.Errorf("deleted %d customers", res.DeletedCustomers)
			}
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Not connected to DB!")},
		{name: "customer delete missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Customers.Delete(ctx, []string{customer})
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Not connected to DB!")},
		{name: "organization user cleanup", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Users.Delete(ctx, []string{orgUser})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
	}
}
