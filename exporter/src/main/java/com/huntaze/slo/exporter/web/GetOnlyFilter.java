package com.huntaze.slo.exporter.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every exporter endpoint is read-only: GET and HEAD pass, any other method (POST, PUT, DELETE,
 * OPTIONS, TRACE, ...) gets 405 with {@code Allow: GET, HEAD} and a one-line text answer, as
 * {@code /health/*} does (it keeps its own JSON answer). Without it the servlet defaults answered
 * 405 without {@code Allow} (RFC 9110 15.5.6), with Jetty's HTML error page, and echoed TRACE
 * requests with their headers (cookies, authorization) back.
 */
public final class GetOnlyFilter implements Filter {
  public static final String ALLOW = "GET, HEAD";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    String method = req.getMethod();
    String path = req.getRequestURI();
    if ("GET".equals(method) || "HEAD".equals(method) || path.startsWith("/health/")) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse resp = (HttpServletResponse) response;
    resp.setHeader("Allow", ALLOW);
    Servlets.write(resp, 405, "text/plain",
        "method " + method + " not allowed on " + path + ": the exporter is read-only (use GET)\n");
  }
}
