from flask import Flask, request, render_template_string

app = Flask(__name__)

PAGE = """
<html><body>
  <div class="banner">%s</div>
  <p>Your order is being processed.</p>
</body></html>
"""


@app.route("/order/status")
def order_status():
    banner = request.args.get("msg", "Thanks for shopping with us")
    html = PAGE % banner
    return render_template_string(html)
