"""Use cases over the repository and the domain. Qt-free: the GUI and the CLI share them."""
