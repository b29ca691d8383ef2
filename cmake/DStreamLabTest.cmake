# dstreamlab_add_test(NAME tst_x SOURCES ... LIBS ... [GUI]): one Qt Test executable per unit,
# linked against the library under test (never re-listing its sources), run offscreen with a timeout.
function(dstreamlab_add_test)
  cmake_parse_arguments(T "GUI" "NAME;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE dstreamlab_options Qt6::Test ${T_LIBS})
  target_compile_definitions(${T_NAME} PRIVATE
    DSTREAMLAB_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    DSTREAMLAB_SHARED_DIR="${PROJECT_SOURCE_DIR}/tests/data")
  set_target_properties(${T_NAME} PROPERTIES AUTOMOC ON)
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;ASAN_OPTIONS=detect_leaks=0")
endfunction()
