"""python -m partner_tools.demo_data: write a demo CRM export (--help for the options)."""

import sys

from partner_tools.demo_data.writing import main

sys.exit(main())
