"""The Qt user interface: thin views over the model, edits through commands."""
