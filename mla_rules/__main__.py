from mla_rules.cli.main import run

run()
