"""The top of the house: the `kb` command line and the web application, wired together."""
