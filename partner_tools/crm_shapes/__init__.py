"""Write data/crm_shapes: one business scenario as the generic export, as Salesforce
and as HubSpot land it through Fivetran.

    python -m partner_tools.crm_shapes

The scenario is a small clean demo export (partner_tools.demo_data, 240 opportunities),
made plain where a connector cannot say more: timestamps in UTC, no amount on a resale, a
closed deal closed at the end of its close day (Salesforce keeps only the date), exchange rates
that invert exactly, an open deal not won. The two connector shapes are written from it by
hand-kept rules (below), plus rows a connector carries that are not partner data: deleted rows,
the sales team's own tasks and engagements, leads that are not registrations.
HubSpot is written twice: data/crm_shapes/hubspot in the v3 engagement shape Fivetran lands
since May 2023, data/crm_shapes/hubspot_legacy in the one before (tests/python/
test_hubspot_shapes.py). tests/python/test_crm_sources.py builds all three and expects the same
marts. The files are
committed; rerun this only to change the scenario.
"""
