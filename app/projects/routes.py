"""Projects: the list, a project page, its team, phase changes and history."""
