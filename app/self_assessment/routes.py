"""The team's self-assessment: task list, point pages, check answers and submission."""
