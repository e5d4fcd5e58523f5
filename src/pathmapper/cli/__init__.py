"""The `pathmapper` command: opens the editor, or runs a sub-command on map files.

Pydantic plugins installed on the machine are turned off for the command: a map file is data
only, so no third-party code runs while one is checked, and looking them up (a scan of every
installed package's metadata) is start-up time the editor need not spend."""

import os

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
