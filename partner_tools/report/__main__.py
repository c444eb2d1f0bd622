"""python -m partner_tools.report: write the partner report (--help for the options)."""

import sys

from partner_tools.report.page import main

sys.exit(main())
