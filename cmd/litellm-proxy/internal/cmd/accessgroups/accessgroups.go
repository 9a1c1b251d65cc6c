// Package accessgroups implements "litellm-proxy access-groups": list,
// create, get, update and delete of the proxy's model access groups, and
// with --unified of its unified access groups.
package accessgroups

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// NewCmdAccessGroups returns the access-groups command group.
func NewCmdAccessGroups(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("access-groups", "Manage model access groups",
		cmdutil.Heredoc(`
			Create, list, inspect, change and delete the model access groups of the
			proxy: named sets of models that keys and teams are granted by name.

			Without --unified the commands manage model access groups (/access_group/*):
			a name the proxy writes into the model_info of database models; a key or team
			whose models list the name may call every model of the group. Only models
			stored in the database (litellm-proxy models add) can join one.

			With --unified they manage unified access groups (/v1/access_group): stored
			groups with an id that grant models, MCP servers and agents to teams and keys.

			Every command needs a proxy admin key.`),
		`  litellm-proxy access-groups create eu-models --model gpt-eu
  litellm-proxy access-groups list
  litellm-proxy access-groups create support --unified --model gpt-4o --team team-support`)
	cmd.AddCommand(NewCmdList(f, nil), NewCmdCreate(f, nil), NewCmdGet(f, nil), NewCmdUpdate(f, nil), NewCmdDelete(f, nil))
	return cmd
}

// Options are the inputs of the access-groups commands.
type Options struct {
	IO      *iostreams.IOStreams
	Client  func() (*facade.Client, error)
	Format  string
	Unified bool
	// Name is the model access group name, or the unified group's id for
	// get, update and delete (its name for create).
	Name string
	// Models are model group names; ModelIDs deployment ids (model access
	// groups only).
	Models, ModelIDs []string
	// The members of a unified access group.
	Description, NewName string
	MCPServers, Agents   []string
	Teams, Keys          []string
	set                  func(flag string) bool // reports whether a flag was given
}

func unifiedFlag(cmd *cobra.Command, opts *Options) {
	cmd.Flags().BoolVar(&opts.Unified, "unified", false, "Use the unified access groups (/v1/access_group) instead of the model access groups")
}

// NewCmdList returns "access-groups list".
func NewCmdList(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:     "list [--unified]",
		Aliases: []string{"ls"},
		Short:   "List access groups",
		Long: cmdutil.Heredoc(`
			List the model access groups (GET /access_group/list, sorted by name) as a
			table with the columns Name, Models and Deployments; with --unified the
			unified access groups (GET /v1/access_group, newest first) with the columns
			ID, Name, Models, Teams, Keys and Description. --format json prints the list.`),
		Example: `  litellm-proxy access-groups list
  litellm-proxy access-groups list --unified --format json`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
	unifiedFlag(cmd, opts)
	return cmd
}

func listRun(ctx context.Context, opts *Options) error {
	if opts.Unified {
		return cmdutil.ListRun(ctx, opts.IO, opts.Format, opts.Client,
			func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.UnifiedAccessGroup, error) {
				return c.AccessGroups.ListUnified(ctx, o)
			}, "access groups", func(list []facade.UnifiedAccessGroup) *output.Table {
				t := output.NewTable("Access groups", "ID", "Name", "Models", "Teams", "Keys", "Description")
				for _, g := range list {
					t.AddRow(g.AccessGroupID, g.AccessGroupName, strings.Join(g.AccessModelNames, ","),
						strings.Join(g.AssignedTeamIds, ","), strconv.Itoa(len(g.AssignedKeyIds)), g.Description)
				}
				return t
			})
	}
	return cmdutil.ListMemberRun(ctx, opts.IO, opts.Format, opts.Client,
		func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.ModelAccessGroup, error) {
			return c.AccessGroups.List(ctx, o) // the answer is {"access_groups": [...]}
		}, "access_groups", "access groups", func(list []facade.ModelAccessGroup) *output.Table {
			t := output.NewTable("Access groups", "Name", "Models", "Deployments")
			for _, g := range list {
				t.AddRow(g.AccessGroup, strings.Join(g.ModelNames, ","), strconv.Itoa(g.DeploymentCount))
			}
			return t
		})
}

// modelFlags registers --model and --model-id.
func modelFlags(cmd *cobra.Command, opts *Options) {
	fs := cmd.Flags()
	fs.StringArrayVar(&opts.Models, "model", nil, "A model group name (repeatable): every database deployment of it; with --unified a model the group grants")
	fs.StringArrayVar(&opts.ModelIDs, "model-id", nil, "A deployment id (repeatable; not with --unified): exactly this deployment; wins over --model")
}

// unifiedFlags registers the members of a unified access group.
func unifiedFlags(cmd *cobra.Command, opts *Options) {
	fs := cmd.Flags()
	fs.StringVar(&opts.Description, "description", "", "Description (--unified)")
	fs.StringArrayVar(&opts.MCPServers, "mcp-server", nil, "An MCP server id the group grants (repeatable; --unified)")
	fs.StringArrayVar(&opts.Agents, "agent", nil, "An agent id the group grants (repeatable; --unified)")
	fs.StringArrayVar(&opts.Teams, "team", nil, "A team id that gets the group (repeatable; --unified)")
	fs.StringArrayVar(&opts.Keys, "key-hash", nil, "The token hash of a key that gets the group (repeatable; --unified)")
}

// checkKind rejects the flags of the other kind of access group.
func checkKind(opts *Options) error {
	if opts.Unified {
		if len(opts.ModelIDs) > 0 {
			return cmdutil.FlagErrorf("--model-id is not a flag of --unified")
		}
		return nil
	}
	for _, f := range []string{"description", "mcp-server", "agent", "team", "key-hash", "name"} {
		if opts.set(f) {
			return cmdutil.FlagErrorf("--%s needs --unified", f)
		}
	}
	if len(opts.Models) == 0 && len(opts.ModelIDs) == 0 {
		return cmdutil.FlagErrorf("--model or --model-id is required")
	}
	return nil
}

// NewCmdCreate returns "access-groups create".
func NewCmdCreate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "create NAME {--model M | --model-id ID}... | create NAME --unified [--model M]... [--description D] [--mcp-server ID]... [--agent ID]... [--team ID]... [--key-hash H]...",
		Short: "Create an access group",
		Long: cmdutil.Heredoc(`
			Create the model access group NAME of the models given (POST /access_group/new)
			and print the result as JSON: models_updated is the number of deployments
			tagged. --model names a model group (all its database deployments), --model-id
			one deployment. An unknown model, or one only in the config file, is HTTP 400;
			a name in use HTTP 409.

			With --unified, create the unified access group NAME (POST /v1/access_group)
			and print it as JSON, with the id the proxy gave it.`),
		Example: `  litellm-proxy access-groups create eu-models --model gpt-eu --model claude-eu
  litellm-proxy access-groups create support --unified --model gpt-4o --team team-support --description "support desk"`,
		Args: cmdutil.ExactArgs(1, "NAME is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name, opts.set = args[0], cmd.Flags().Changed
			if err := checkKind(opts); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return createRun(cmd.Context(), opts)
		},
	}
	unifiedFlag(cmd, opts)
	modelFlags(cmd, opts)
	unifiedFlags(cmd, opts)
	return cmd
}

func createRun(ctx context.Context, opts *Options) error {
	if opts.Unified {
		return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.UnifiedAccessGroup, error) {
			return c.AccessGroups.CreateUnified(ctx, &facade.UnifiedAccessGroupCreateRequest{AccessGroupName: opts.Name,
				Description: opts.Description, AccessModelNames: opts.Models, AccessMcpServerIds: opts.MCPServers,
				AccessAgentIds: opts.Agents, AssignedTeamIds: opts.Teams, AssignedKeyIds: opts.Keys}, o)
		})
	}
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.ModelAccessGroupChange, error) {
		return c.AccessGroups.Create(ctx, &facade.ModelAccessGroupRequest{AccessGroup: opts.Name, ModelNames: opts.Models, ModelIds: opts.ModelIDs}, o)
	})
}

// NewCmdGet returns "access-groups get".
func NewCmdGet(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "get NAME | get ID --unified",
		Short: "Show an access group",
		Long: cmdutil.Heredoc(`
			Print the model access group NAME as JSON (GET /access_group/NAME/info): its
			model names and deployment count. With --unified, print the unified access
			group ID (GET /v1/access_group/ID). An unknown group is HTTP 404.`),
		Example: `  litellm-proxy access-groups get eu-models
  litellm-proxy access-groups get 2c6157b9-c84e-4ec2-8989-38f194b9b6c8 --unified`,
		Args: cmdutil.ExactArgs(1, "NAME (or ID with --unified) is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			if opts.Unified {
				return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.UnifiedAccessGroup, error) {
					return c.AccessGroups.GetUnified(ctx, opts.Name, o)
				})
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.ModelAccessGroup, error) {
				return c.AccessGroups.Get(ctx, opts.Name, o)
			})
		},
	}
	unifiedFlag(cmd, opts)
	return cmd
}

// NewCmdUpdate returns "access-groups update".
func NewCmdUpdate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "update NAME {--model M | --model-id ID}... | update ID --unified [--name N] [--description D] [--model M]... [--mcp-server ID]... [--agent ID]... [--team ID]... [--key-hash H]...",
		Short: "Change an access group",
		Long: cmdutil.Heredoc(`
			Replace the models of the model access group NAME (PUT
			/access_group/NAME/update): the group leaves every deployment and joins those
			given. Prints the result as JSON. An unknown group is HTTP 404.

			With --unified, change the unified access group ID (PUT /v1/access_group/ID)
			and print it as JSON: only the flags given change, and a list flag replaces
			the whole list.`),
		Example: `  litellm-proxy access-groups update eu-models --model gpt-eu
  litellm-proxy access-groups update 2c6157b9-c84e-4ec2-8989-38f194b9b6c8 --unified --team team-a --team team-b`,
		Args: cmdutil.ExactArgs(1, "NAME (or ID with --unified) is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name, opts.set = args[0], cmd.Flags().Changed
			if err := checkKind(opts); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return updateRun(cmd.Context(), opts)
		},
	}
	unifiedFlag(cmd, opts)
	modelFlags(cmd, opts)
	unifiedFlags(cmd, opts)
	cmd.Flags().StringVar(&opts.NewName, "name", "", "New name (--unified)")
	return cmd
}

func updateRun(ctx context.Context, opts *Options) error {
	if !opts.Unified {
		return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.ModelAccessGroupChange, error) {
			return c.AccessGroups.Update(ctx, opts.Name, &facade.ModelAccessGroupUpdateRequest{ModelNames: opts.Models, ModelIds: opts.ModelIDs}, o)
		})
	}
	req := &facade.UnifiedAccessGroupUpdateRequest{AccessGroupName: opts.NewName}
	if opts.set("description") {
		req.Description = &opts.Description
	}
	// A list flag given replaces the list; one given as --flag= (no value) empties it.
	lists := []struct {
		flag string
		src  []string
		dst  **[]string
	}{
		{"model", opts.Models, &req.AccessModelNames}, {"mcp-server", opts.MCPServers, &req.AccessMcpServerIds},
		{"agent", opts.Agents, &req.AccessAgentIds}, {"team", opts.Teams, &req.AssignedTeamIds}, {"key-hash", opts.Keys, &req.AssignedKeyIds},
	}
	changed := opts.NewName != "" || req.Description != nil
	for _, l := range lists {
		if opts.set(l.flag) {
			changed = true
			list := nonEmpty(l.src)
			*l.dst = &list
		}
	}
	if !changed {
		return cmdutil.FlagErrorf("nothing to change: give --name, --description or a list flag")
	}
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.UnifiedAccessGroup, error) {
		return c.AccessGroups.UpdateUnified(ctx, opts.Name, req, o)
	})
}

// nonEmpty drops empty values (--team= clears the list) and never returns
// nil, so that the list is sent.
func nonEmpty(values []string) []string {
	out := []string{}
	for _, v := range values {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// NewCmdDelete returns "access-groups delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "delete NAME | delete ID --unified",
		Short: "Delete an access group",
		Long: cmdutil.Heredoc(`
			Delete the model access group NAME (DELETE /access_group/NAME/delete): it
			leaves every deployment that carries it; the models stay. With --unified,
			delete the unified access group ID (DELETE /v1/access_group/ID). An unknown
			group is HTTP 404.`),
		Example: `  litellm-proxy access-groups delete eu-models
  litellm-proxy access-groups delete 2c6157b9-c84e-4ec2-8989-38f194b9b6c8 --unified`,
		Args: cmdutil.ExactArgs(1, "NAME (or ID with --unified) is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			c, err := opts.Client()
			if err != nil {
				return err
			}
			msg := "Deleted access group " + output.Safe(opts.Name)
			if opts.Unified {
				if err := c.AccessGroups.DeleteUnified(cmd.Context(), opts.Name); err != nil {
					return err
				}
			} else {
				res, err := c.AccessGroups.Delete(cmd.Context(), opts.Name)
				if err != nil {
					return err
				}
				msg += fmt.Sprintf(" (removed from %d deployments)", res.ModelsUpdated)
			}
			_, err = opts.IO.Out.Write([]byte(msg + "\n"))
			return err
		},
	}
	unifiedFlag(cmd, opts)
	return cmd
}
