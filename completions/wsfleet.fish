complete --keep-order --exclusive --command wsfleet --arguments "(COMPLETE=fish wsfleet -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
