"""The stack's resource graph: what the Pulumi program declares, evaluated without a cloud."""
