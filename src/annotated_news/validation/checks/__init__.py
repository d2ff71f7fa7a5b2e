"""One module per check, named after what it checks."""
