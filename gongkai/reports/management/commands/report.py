"""``gongkai report SUBCOMMAND …``: export, validate and check annual reports.

Each subcommand lives in ``gongkai/reports/cli/<name>.py`` and provides ``HELP``,
``add_arguments(parser)`` and ``run(options, stdout, stderr) -> int`` (the exit code).
Errors are one line on stderr and a non-zero exit, never a traceback.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.hooks import optional_module

SUBCOMMANDS = ["export", "validate", "check"]


def _load(name):
    return optional_module(f"gongkai.reports.cli.{name}")


class Command(BaseCommand):
    @property
    def help(self):  # argparse needs a str for the description, not a lazy translation
        return _("年度报告：export 导出 / validate 校验 JSON / check 检查已发布的年报")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        for name in SUBCOMMANDS:
            module = _load(name)
            if module is None:
                continue
            p = sub.add_parser(name, help=module.HELP)
            module.add_arguments(p)

    def handle(self, *args, subcommand, **options):
        module = _load(subcommand)
        if module is None:
            raise CommandError(f"unknown subcommand {subcommand}")
        code = module.run(options, self.stdout, self.stderr)
        if code:
            sys.exit(code)
