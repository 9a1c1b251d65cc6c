package cmdutil

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// ExactArgs accepts exactly n arguments; with too few it returns a usage
// error with missing ("MODEL_ID is required"), with too many one that lists
// the extra arguments.
func ExactArgs(n int, missing string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < n:
			return FlagErrorf("%s", missing)
		case len(args) > n:
			return FlagErrorf("unexpected argument(s): %s", strings.Join(args[n:], " "))
		}
		return nil
	}
}

// MinimumArgs accepts n or more arguments.
func MinimumArgs(n int, missing string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return FlagErrorf("%s", missing)
		}
		return nil
	}
}

// RangeArgs accepts between min and max arguments.
func RangeArgs(minN, maxN int, missing string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < minN:
			return FlagErrorf("%s", missing)
		case len(args) > maxN:
			return FlagErrorf("unexpected argument(s): %s", strings.Join(args[maxN:], " "))
		}
		return nil
	}
}

// NoArgs accepts no arguments.
func NoArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return FlagErrorf("unexpected argument(s): %s", strings.Join(args, " "))
	}
	return nil
}

// NewGroupCmd returns a command that only groups subcommands: run alone it
// prints its help, and an unknown subcommand is a usage error.
func NewGroupCmd(use, short, long, example string) *cobra.Command {
	return &cobra.Command{
		Use:     use,
		Short:   short,
		Long:    long,
		Example: example,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return FlagErrorf("unknown command %q for %q", args[0], cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
}

// Heredoc trims the common indentation of a raw-string help text.
func Heredoc(s string) string {
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	indent := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	for i, l := range lines {
		if len(l) >= indent && indent > 0 {
			lines[i] = l[indent:]
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

// Ptr returns a pointer to v.
func Ptr[T any](v T) *T { return &v }

// Changed reports whether the flag name was given on the command line.
func Changed(cmd *cobra.Command, name string) bool {
	f := cmd.Flags().Lookup(name)
	return f != nil && f.Changed
}

// ExpectOne is a usage error for flags of which exactly one is needed.
func ExpectOne(flags ...string) error {
	return FlagErrorf("one of %s is required", strings.Join(quoteAll(flags), " or "))
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("--%s", s)
	}
	return out
}
