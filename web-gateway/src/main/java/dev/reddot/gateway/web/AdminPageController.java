package dev.reddot.gateway.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /admin}: the dashboard page of mqtt-js-demo ({@code static/admin/}). It is public static HTML; the data it
 * polls is not: {@code /push/stats} needs an admin token in token mode, given to the page as {@code ?token=}.
 */
@Controller
class AdminPageController {

    /**
     * To the folder, so that the page's relative links (admin.js, admin.css) resolve below it; keeps ?token=. The
     * query is rebuilt from the parameters: Tomcat's query string has its token redacted (the security module's
     * {@code QueryTokenRedaction}), the parameters have the real one.
     */
    @GetMapping("/admin")
    String folder(HttpServletRequest request) {
        UriComponentsBuilder folder = UriComponentsBuilder.fromPath("/admin/");
        request.getParameterMap().forEach((name, values) -> folder.queryParam(name, (Object[]) values));
        return "redirect:" + folder.build().encode().toUriString();
    }

    @GetMapping("/admin/")
    String page() {
        return "forward:/admin/index.html";
    }
}
