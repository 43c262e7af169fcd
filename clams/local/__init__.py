"""The local stack: the stack's resource graph realised on one machine.

An in-process AWS emulator holds the tables, queues, parameters and buckets; the functions
run in this process with their environment from the graph; a gateway serves the routes; event
source mappings and schedules drive the rest. ``LocalStack`` puts it together.
"""
