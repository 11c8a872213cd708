from flask import Flask, request

app = Flask(__name__)
HOOKS = {}


@app.route("/hooks/register", methods=["POST"])
def register_hook():
    hook_name = request.args.get("name", "default")
    source = request.get_data(as_text=True)
    namespace = {}
    if hook_name.startswith("on_"):
        exec(source, namespace)
    HOOKS[hook_name] = namespace.get("handler")
    return {"registered": hook_name}
