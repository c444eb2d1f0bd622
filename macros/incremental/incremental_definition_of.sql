{#-
    What the rows of incremental models were built under beyond their data
    (docs/incremental.md, "When the code or the definition changes"), derived at compile time,
    so that nobody has to remember to raise a version. For the models named in `model_names`
    (of this package) it returns a dict:
    * 'model <name>': the checksum of each model's file;
    * 'macros': one md5 over the SQL of every macro those models call, transitively: the
      macros dbt recorded for each model and macro (depends_on.macros, which also holds the
      adapter.dispatch candidates), and every name called like a macro in their text (which
      finds the macros of hooks, of call blocks and of `if execute` branches too);
    * 'seed <name>': the checksum of every seed the models are built from, directly or through
      other models (dbt's checksum of the file, or of its rows when the file is too large for
      dbt to checksum it), with its column_types;
    * 'var <name>': the value of every var read by name (partner_var('x'), var('x')) in the
      models' text or in the text of this package's macros they call, except `ignored_vars`.
    partner_var's own text is hashed but not searched for vars: it reads every definition var
    to check it, and returns only the one named. A macro that reads a var under a name that is
    not written out (var(name)) stops the compilation, naming the macro, unless it is one of
    `var_readers_by_argument` (the framework's own macros, whose names come from text that is
    searched). Outside `execute` (dbt's parse) it returns an empty dict: the graph is not
    complete yet.
    Two builds with the same dict ran the same code under the same vars and seeds. An edit
    that cannot change a row (a comment) changes the dict too: a refresh that was not needed,
    never one that was missed.
-#}
{% macro incremental_definition_of(model_names, ignored_vars=[]) -%}
    {%- if not execute -%}
        {{ return({}) }}
    {%- endif -%}
    {%- set var_readers_by_argument = ['partner_var', 'incremental_definition_of', 'source_references_now'] -%}
    {%- set calls = modules.re.compile('\\b([A-Za-z_][A-Za-z0-9_]*)\\s*\\(') -%}
    {%- set named_vars = modules.re.compile('\\b(partner_var|var)\\s*\\(\\s*[\'"]([A-Za-z0-9_]+)[\'"]') -%}
    {%- set unnamed_vars = modules.re.compile('\\b(?:partner_var|var)\\s*\\(\\s*(?![\'"\\s])([^)]{0,40})') -%}
    {%- set definition = {} -%}
    {%- set macro_hashes = {} -%}
    {%- set texts = [] -%}
    {%- set found_vars = {} -%}
    {%- set walk = namespace(macros=[], nodes=[]) -%}

    {#- the models: their checksums, their text, the macros they call, their parents -#}
    {%- for node in graph.nodes.values()
            if node.resource_type == 'model' and node.name in model_names
            and node.package_name == model.package_name -%}
        {%- do definition.update({'model ' ~ node.name: node.checksum.checksum}) -%}
        {%- do texts.append({'name': node.name, 'text': node.raw_code, 'search_vars': true}) -%}
        {%- for unique_id in node.depends_on.macros -%}
            {%- do walk.macros.append(unique_id.split('.', 2)) -%}
        {%- endfor -%}
        {%- for name in calls.findall(node.raw_code) -%}
            {%- do walk.macros.append(['macro', node.package_name, name]) -%}
        {%- endfor -%}
        {%- do walk.nodes.extend(node.depends_on.nodes) -%}
    {%- endfor -%}
    {%- for model_name in model_names if 'model ' ~ model_name not in definition -%}
        {{ exceptions.raise_compiler_error(
            "incremental_definition_of: there is no model " ~ model_name ~ " in " ~ model.package_name ~ ".") }}
    {%- endfor -%}

    {#- the macros they call, transitively (rounds of a closure: 50 is far deeper than any chain) -#}
    {%- for round in range(50) if walk.macros -%}
        {%- set next_macros = [] -%}
        {%- for resource_type, package_name, name in walk.macros -%}
            {%- set package_macros = context.get(package_name) -%}
            {%- if package_macros is mapping and name in package_macros -%}
                {%- set candidate = package_macros[name] -%}
            {%- elif name in context['dbt'] -%}
                {%- set candidate = context['dbt'][name] -%}
            {%- else -%}
                {%- set candidate = context.get(name) -%}
            {%- endif -%}
            {%- set found = candidate.macro if candidate is not none and candidate.macro is defined else none -%}
            {%- if found is not none and found.unique_id not in macro_hashes -%}
                {%- do macro_hashes.update({found.unique_id: local_md5(found.macro_sql)}) -%}
                {%- do texts.append({'name': found.name, 'text': found.macro_sql,
                    'search_vars': found.package_name == model.package_name}) -%}
                {%- for unique_id in found.depends_on.macros -%}
                    {%- do next_macros.append(unique_id.split('.', 2)) -%}
                {%- endfor -%}
                {%- for called in calls.findall(found.macro_sql) -%}
                    {%- do next_macros.append(['macro', found.package_name, called]) -%}
                {%- endfor -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set walk.macros = next_macros -%}
    {%- endfor -%}
    {%- set macro_lines = [] -%}
    {%- for unique_id in macro_hashes | sort -%}
        {%- do macro_lines.append(unique_id ~ ' ' ~ macro_hashes[unique_id]) -%}
    {%- endfor -%}
    {%- do definition.update({'macros': local_md5(macro_lines | join('\n'))}) -%}

    {#- the seeds they are built from, through any number of models -#}
    {%- set visited = [] -%}
    {%- for round in range(100) if walk.nodes -%}
        {%- set next_nodes = [] -%}
        {%- for unique_id in walk.nodes if unique_id not in visited and unique_id in graph.nodes -%}
            {%- do visited.append(unique_id) -%}
            {%- set parent = graph.nodes[unique_id] -%}
            {%- if parent.resource_type == 'seed' -%}
                {%- set checksum = parent.checksum.checksum -%}
                {%- if parent.checksum.name != 'sha256' -%}
                    {%- set relation = adapter.get_relation(
                        database=parent.database, schema=parent.schema, identifier=parent.alias) -%}
                    {%- set checksum = run_query('select cast(sum(hash(seed_rows)) as ' ~ dbt.type_string()
                        ~ ') from ' ~ relation ~ ' as seed_rows').columns[0].values()[0]
                        if relation is not none else 'not loaded' -%}
                {%- endif -%}
                {%- do definition.update({'seed ' ~ parent.name:
                    checksum ~ ' ' ~ tojson(parent.config.column_types, sort_keys=true)}) -%}
            {%- else -%}
                {%- do next_nodes.extend(parent.depends_on.nodes) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set walk.nodes = next_nodes -%}
    {%- endfor -%}

    {#- the vars read by name in their text -#}
    {%- for text in texts if text.search_vars and text.name not in var_readers_by_argument -%}
        {%- for reader, name in named_vars.findall(text.text) if name not in ignored_vars -%}
            {%- do found_vars.update({name: found_vars.get(name, []) + [reader]}) -%}
        {%- endfor -%}
        {%- for argument in unnamed_vars.findall(text.text) -%}
            {{ exceptions.raise_compiler_error(
                text.name ~ " reads a var whose name is not written out (" ~ argument ~ "), and the incremental "
                ~ "models " ~ model_names | join(', ') ~ " use it: write the var's name in the call, so that "
                ~ "a change of its value refreshes their rows (docs/incremental.md).") }}
        {%- endfor -%}
    {%- endfor -%}
    {%- for name in found_vars | sort -%}
        {%- do definition.update({'var ' ~ name:
            partner_var(name) if 'partner_var' in found_vars[name] else var(name, none)}) -%}
    {%- endfor -%}
    {{ return(definition) }}
{%- endmacro %}
