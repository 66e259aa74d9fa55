"""Writer handoff: while `serve` runs, other processes hand their ingest and remove to it.

The server that writes registers a loopback endpoint in `<data_dir>/server.json` (readable by its
owner only, with a random token); `registry` finds it, `client` calls it, `server` answers.
"""
