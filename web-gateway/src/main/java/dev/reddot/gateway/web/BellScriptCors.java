package dev.reddot.gateway.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code /reddot-bell.js} and its chunks to any page: a module script is fetched in CORS mode, so without this a
 * page of another origin could not even load the element. Public static code, fetched without credentials, so
 * {@code *}; what the element then calls has its own, narrower CORS (the security module's {@code BellCors}).
 */
@Configuration(proxyBeanMethods = false)
class BellScriptCors implements WebMvcConfigurer {

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        for (String path : new String[] {"/reddot-bell.js", "/reddot-bell-chunks/**"}) {
            registry.addMapping(path).allowedOrigins("*").allowedMethods("GET", "HEAD").allowCredentials(false);
        }
    }
}
