"""What nigerlens writes for people: evidence views, the HTML report, the executed notebooks."""
