"""The `pathmapper` command: opens the editor, or runs a sub-command on map files."""
