"""One router per resource, each with the schemas it reads and writes."""
