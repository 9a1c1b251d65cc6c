package facade

// AccessGroupsService manages model access groups (named sets of deployments that keys and teams are granted).
type AccessGroupsService service
