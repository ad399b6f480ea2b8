"""Serve the timeline of events.csv: ``python dashboard.py [--events PATH] [--port P]``."""

from timeline.cli import serve

if __name__ == "__main__":
    serve(prog_name="dashboard.py")
