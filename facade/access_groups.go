package facade

// AccessGroupsService manages model access groups.
type AccessGroupsService service
