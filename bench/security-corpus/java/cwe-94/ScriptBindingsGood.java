package com.example.calc.web;

import java.io.IOException;
import javax.script.Bindings;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ScriptBindingsGood extends HttpServlet {
    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String amount = request.getParameter("amount");
        Bindings bindings = engine.createBindings();
        bindings.put("amount", amount);
        try {
            Object gross = engine.eval("Number(amount) * 1.2", bindings);
            response.getWriter().print(String.valueOf(gross));
        } catch (ScriptException e) {
            response.sendError(422);
        }
    }
}
