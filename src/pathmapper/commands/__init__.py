"""Every edit of a map as a small pure-Python command that can be undone and redone."""
