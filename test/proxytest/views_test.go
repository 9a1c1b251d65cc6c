package proxytest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestViewFieldsUnique(t *testing.T) {
	t.Parallel()
	for name, fields := range map[string][]viewField{
		"keyGenerateFields": keyGenerateFields, "userNewFields": userNewFields, "keyInfoFields": keyInfoFields,
		"keyUnblockFields": keyUnblockFields, "userInfoKeyFields": userInfoKeyFields, "teamInfoKeyFields": teamInfoKeyFields,
		"keyTableFields": keyTableFields, "keyBlockFields": keyBlockFields, "userInfoAdminKeyFields": userInfoAdminKeyFields,
		"keyListFields": keyListFields, "userRowFields": userRowFields, "updatedUserFields": updatedUserFields,
		"userListFields": userListFields, "teamRowFields": teamRowFields, "teamInfoFields": teamInfoFields,
		"teamListFields": teamListFields, "teamV2Fields": teamV2Fields, "membershipFields": membershipFields,
	} {
		seen := map[string]bool{}
		for _, f := range fields {
			if seen[f.name] {
				t.Errorf("%s lists %q twice", name, f.name)
			}
			seen[f.name] = true
		}
	}
}

func TestWithFields(t *testing.T) {
	t.Parallel()
	base := []viewField{{"a", vNull}, {"b", vArray}}
	tests := []struct {
		name string
		got  []viewField
		want []viewField
	}{
		{"add", withFields(base, viewField{"c", vZero}), []viewField{{"a", vNull}, {"b", vArray}, {"c", vZero}}},
		{"replace default", withFields(base, viewField{"a", vFalse}), []viewField{{"a", vFalse}, {"b", vArray}}},
		{"without", withoutFields(base, "a", "z"), []viewField{{"b", vArray}}},
		{"base unchanged", base, []viewField{{"a", vNull}, {"b", vArray}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got, cmp.AllowUnexported(viewField{})); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}
