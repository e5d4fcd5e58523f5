"""The editor window's docks: properties of the selection, the workshop's comments, overview."""
