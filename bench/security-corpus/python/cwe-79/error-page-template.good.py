from flask import Flask, render_template, request

app = Flask(__name__)


@app.route("/error")
def error_page():
    reason = request.args.get("reason", "unknown")
    code = request.args.get("code", "E000")
    app.logger.warning("error page shown: %s", code)
    return render_template("error.html", reason=reason, code=code), 500
